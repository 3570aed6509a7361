/**
 * Escapes text for the HTML that ECharts tooltips render: a tooltip formatter returns markup,
 * and the names in it (event names, persona names) come from ingested data that anyone holding
 * the public write key can choose.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}
