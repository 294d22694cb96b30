/**
 * Masks personal numbers a citizen typed into free text before it reaches any public view:
 * mainland mobile numbers, 18-digit resident ID numbers, landlines and e-mail addresses.
 */
const ID_NUMBER = /(?<!\d)(\d{6})\d{11}[\dXx](?!\d)/g;
const MOBILE = /(?<!\d)(1[3-9]\d)[\s-]?\d{4}[\s-]?(\d{4})(?!\d)/g;
const LANDLINE = /(?<!\d)(0\d{2,3})-?\d{7,8}(?!\d)/g;
const EMAIL = /[A-Za-z0-9._%+-]+@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;

export function maskPersonalData(text: string): string {
  return text
    .replace(ID_NUMBER, "$1************")
    .replace(MOBILE, "$1****$2")
    .replace(LANDLINE, "$1-********")
    .replace(EMAIL, "***@$1");
}
