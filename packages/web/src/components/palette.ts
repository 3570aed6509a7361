/**
 * Okabe–Ito: eight colours that stay distinct for the common colour-vision deficiencies
 * (Okabe & Ito 2008, "Color Universal Design"). Charts take series colours in this order.
 */
export const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
]
