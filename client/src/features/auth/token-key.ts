/** Where the session token is kept in localStorage; index.html's early board request reads it too. */
export const TOKEN_STORAGE_KEY = "leadline.token";
