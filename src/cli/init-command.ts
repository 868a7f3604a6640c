export async function initCommand(_a: string[]): Promise<number> { return 0; }
