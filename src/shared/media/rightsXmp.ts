const escape = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * The only XMP a rendition carries: the copyright notice (dc:rights) and the credit line
 * (photoshop:Credit) the desk keeps, each left out when empty.
 */
export function rightsXmp(rights: { copyright: string; credit: string }): string {
  const fields: string[] = []
  if (rights.copyright)
    fields.push(
      `<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">${escape(rights.copyright)}</rdf:li></rdf:Alt></dc:rights>`,
    )
  if (rights.credit) fields.push(`<photoshop:Credit>${escape(rights.credit)}</photoshop:Credit>`)
  return (
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">' +
    fields.join('') +
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
  )
}
