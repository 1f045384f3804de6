/** The part of bcryptjs (the hasher users-permissions and Strapi's Document Service use) that accounts need. */
declare module 'bcryptjs' {
  export function hashSync(password: string, rounds: number): string;
}
