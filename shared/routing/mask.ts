/**
 * Masks personal data a citizen typed into free text before it reaches any public view: mainland
 * mobile and landline numbers, 18-digit resident ID numbers (only when the check digit holds, so
 * an order number is left alone), bank card numbers (only when the Luhn check holds), e-mail
 * addresses, and the house-level part of a street address. The original stays in the case for the
 * department handling it.
 */
const DIGIT_RUN = /(?<![\dA-Za-z])\d[\d\s-]{14,22}[\dXx](?![\dA-Za-z])/g;
const MOBILE = /(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?\d{4}[\s-]?(\d{4})(?!\d)/g;
const LANDLINE = /(?<!\d)[(（]?(0\d{2,3})[)）]?[\s\-—–]?\d{7,8}(?!\d)/g;
// An ID or a card on its own, even when another number follows after a space.
const ID_RUN = /(?<![\dA-Za-z])\d{6}[\s-]?\d{8}[\s-]?\d{3}[\dXx](?![\dA-Za-z])/g;
const CARD_RUN = /(?<![\dA-Za-z])\d{4}(?:[\s-]?\d{4}){3}(?:[\s-]?\d{1,3})?(?![\dA-Za-z])/g;
const EMAIL = /[A-Za-z0-9._%+-]+@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
// House-level address parts: 路 12 号, 5 号楼 / 栋 / 幢, 2 单元, 301 室.
const HOUSE_NUMBER = /((?:路|街|巷|道|弄|里)\s*)\d+(?:[-－]\d+)?(\s*号)(?!线|楼|院)/g;
const BUILDING = /\d+(\s*(?:号楼|栋|幢|单元|室))/g;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/** GB 11643 check digit (ISO 7064 MOD 11-2) of an 18-character resident ID. */
export function isResidentId(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(id.charAt(i)), 0);
  return ID_CHECK.charAt(sum % 11) === id.charAt(17).toUpperCase();
}

/** Luhn check for 16–19 digit bank card numbers. */
export function isBankCard(digits: string): boolean {
  if (!/^\d{16,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits.charAt(digits.length - 1 - i));
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

function maskDigitRun(run: string): string {
  const compact = run.replace(/[\s-]/g, "");
  if (isResidentId(compact)) return `${compact.slice(0, 6)}************`;
  if (isBankCard(compact)) return `**** **** **** ${compact.slice(-4)}`;
  return run;
}

export function maskPersonalData(text: string): string {
  return text
    .replace(ID_RUN, maskDigitRun)
    .replace(CARD_RUN, maskDigitRun)
    .replace(DIGIT_RUN, maskDigitRun)
    .replace(MOBILE, "$1****$2")
    .replace(LANDLINE, "$1-********")
    .replace(EMAIL, "***@$1")
    .replace(HOUSE_NUMBER, "$1**$2")
    .replace(BUILDING, "**$1");
}
