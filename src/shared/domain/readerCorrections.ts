import type { Article, Correction } from './Article'

/**
 * The corrections readers see with this version of the story: those already published, then the
 * note a desk chief wrote for the push under way (until the CMS confirms it and it joins the rest).
 */
export function readerCorrections(
  article: Pick<Article, 'corrections' | 'pendingCorrection'>,
): Correction[] {
  return article.pendingCorrection
    ? [...article.corrections, article.pendingCorrection]
    : article.corrections
}
