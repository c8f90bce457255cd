import { registerEnumType } from 'type-graphql';

/** How a report states a figure. */
export enum ValueKind {
  EXACT = 'EXACT',
  APPROXIMATE = 'APPROXIMATE',
  AT_LEAST = 'AT_LEAST',
  RANGE = 'RANGE',
}
registerEnumType(ValueKind, {
  name: 'ValueKind',
  description:
    'How a report states a figure: as it is (EXACT), nearly ("gần", APPROXIMATE), a lower bound ("trên", "ít nhất": AT_LEAST) or a range ("15–20%": RANGE, value to valueUpper). Rankings read value, the stated number or the low end',
});

const vietnamese = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 4 });

/** A figure as stated, in Vietnamese: "78,6%", "≥ 85%", "gần 100%", "15–20%", "trên 2.500" is "≥ 2.500". */
export function statedValue(kind: ValueKind, value: number, upper: number | null, unit: string): string {
  const show = (n: number) => `${vietnamese.format(n)}${unit}`;
  switch (kind) {
    case ValueKind.APPROXIMATE:
      return `gần ${show(value)}`;
    case ValueKind.AT_LEAST:
      return `≥ ${show(value)}`;
    case ValueKind.RANGE:
      return `${vietnamese.format(value)}–${show(upper ?? value)}`;
    default:
      return show(value);
  }
}
