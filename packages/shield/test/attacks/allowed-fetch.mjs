// fetch to an allowed endpoint by an allowed name (localhost, listed by name in the policy).
export const meta = { allowed: true };
export default async (ctx) => (await fetch(`http://localhost:${ctx.allowedPort}/ok`)).text();
