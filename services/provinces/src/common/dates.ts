const vietnamDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

/** Today's date in Vietnam, as "YYYY-MM-DD". */
export function todayInVietnam(now = new Date()): string {
  return vietnamDay.format(now);
}

/** A Date scalar value as "YYYY-MM-DD". */
export function isoDay(value: Date | string): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}
