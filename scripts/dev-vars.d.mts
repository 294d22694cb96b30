// Types for dev-vars.mjs (plain JavaScript: `npm start` runs it before anything is built).
export declare const LOCAL_SECRETS: Record<string, string[]>;
export declare function readDotenv(file: string): Record<string, string>;
export declare function ensureDevVars(root: string, file: string, keys: string[]): Record<string, string>;
