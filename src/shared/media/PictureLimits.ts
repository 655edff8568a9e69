/** The desk's limits on a picture, checked on the file's header before anything decodes it. */
export type PictureLimits = {
  maxBytes: number
  maxPixels: number
}

/** Desk settings keep megabytes and megapixels; checks work in bytes and pixels. */
export function pictureLimitsOf(settings: {
  pictureMaxMegabytes: number
  pictureMaxMegapixels: number
}): PictureLimits {
  return {
    maxBytes: settings.pictureMaxMegabytes * 1_000_000,
    maxPixels: settings.pictureMaxMegapixels * 1_000_000,
  }
}
