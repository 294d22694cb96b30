import type { Role } from "../domain/case-model";

/**
 * Who must use a second factor: the roles that can reach every case and its petitioner's contact
 * data (dispatchers, supervisors) or change the platform (admins). Others may turn it on.
 */
const REQUIRED: readonly Role[] = ["admin", "dispatcher", "supervisor"];
export const secondFactorRequired = (role: Role) => REQUIRED.includes(role);

/**
 * The demo accounts' TOTP secret (local demo only, like their password: `npm start` prints it, and
 * the local code page shows the current code for it). Never a real account's.
 */
export const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
