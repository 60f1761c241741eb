/** One form or the other by count; the English and German console strings both need it. */
export const plural = (count: number, one: string, other: string): string => (count === 1 ? one : other);
