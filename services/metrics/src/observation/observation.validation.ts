import { badInput, checkText } from '@thidua/kit';
import { checkYear, describeValidity } from '@thidua/kit/reference';
import { showNumber } from '../common/numbers.js';
import { provinceRegistry } from '../common/provinces.js';
import { IndicatorUnit, type Indicator } from '../indicator/indicator.entity.js';
import type { ObservationInput } from './observation.input.js';
import { ValueKind } from './value-kind.js';

/** A row that passed every check, ready to store. */
export interface CheckedObservation {
  provinceId: string;
  indicatorCode: string;
  year: number;
  value: number;
  numerator: number | null;
  denominator: number | null;
  source: string | null;
  valueKind: ValueKind;
  valueUpper: number | null;
  reason: string | null;
}

/**
 * How far a recorded value may sit from numerator/denominator: half a percent
 * of the indicator's scale (0.5 points for a percentage), so figures rounded
 * for a report still match their counts.
 */
export function ratioTolerance(indicator: Pick<Indicator, 'scaleMax'>, expected: number): number {
  return 0.005 * (indicator.scaleMax ?? Math.max(1, Math.abs(expected)));
}

function checkValue(field: string, value: number, indicator: Indicator): void {
  switch (indicator.unit) {
    case IndicatorUnit.PERCENT:
      if (value < 0 || value > 100) throw badInput(field, value, 'is not a percentage between 0 and 100');
      return;
    case IndicatorUnit.COUNT:
      if (!Number.isInteger(value) || value < 0) throw badInput(field, value, 'is not a count (a whole number ≥ 0)');
      return;
    case IndicatorUnit.SCORE:
      if (indicator.scaleMax !== null && (value < 0 || value > indicator.scaleMax)) {
        throw badInput(field, value, `is not a score between 0 and ${indicator.scaleMax}`);
      }
      if (value < 0) throw badInput(field, value, 'must not be negative');
      return;
  }
}

function checkRatio(path: string, input: ObservationInput, indicator: Indicator): void {
  const { numerator, denominator, value } = input;
  if (numerator == null && denominator == null) return;
  if (numerator == null) throw badInput(`${path}.numerator`, null, `is missing: denominator ${denominator} needs one`);
  if (denominator == null) throw badInput(`${path}.denominator`, null, `is missing: numerator ${numerator} needs one`);
  if (numerator < 0) throw badInput(`${path}.numerator`, numerator, 'must not be negative');
  if (denominator <= 0) throw badInput(`${path}.denominator`, denominator, 'must be greater than 0');
  if (numerator > denominator) {
    throw badInput(`${path}.numerator`, numerator, `is greater than the denominator ${denominator}`);
  }
  const percent = indicator.unit === IndicatorUnit.PERCENT;
  const expected = (percent ? 100 : 1) * (numerator / denominator);
  if (Math.abs(value - expected) > ratioTolerance(indicator, expected)) {
    throw badInput(
      `${path}.value`,
      value,
      `does not match numerator/denominator: ${numerator}/${denominator} = ${showNumber(expected)}${percent ? ' %' : ''}`,
    );
  }
}

/**
 * Checks one row against the bad-input rules (docs/bad-input.md); the error names the row, the
 * field and the value (`input[3].value: 150 is not a percentage between 0 and 100`).
 */
export function checkObservation(
  path: string,
  input: ObservationInput,
  indicator: Indicator | null,
): CheckedObservation {
  const province = provinceRegistry().get(input.provinceId);
  if (!province) throw badInput(`${path}.provinceId`, input.provinceId, 'is not a known province');
  checkYear(`${path}.year`, input.year);
  if (!provinceRegistry().existedIn(input.provinceId, input.year)) {
    throw badInput(
      `${path}.provinceId`,
      input.provinceId,
      `did not exist in ${input.year}: ${describeValidity(province)}`,
    );
  }
  if (!indicator) throw badInput(`${path}.indicator`, input.indicator, 'is not a known indicator');
  checkValue(`${path}.value`, input.value, indicator);
  checkRatio(path, input, indicator);
  const valueKind = input.valueKind ?? ValueKind.EXACT;
  const valueUpper = input.valueUpper ?? null;
  if (valueKind === ValueKind.RANGE) {
    if (valueUpper === null) throw badInput(`${path}.valueUpper`, null, 'is needed for a RANGE: give its high end');
    checkValue(`${path}.valueUpper`, valueUpper, indicator);
    if (valueUpper < input.value) {
      throw badInput(`${path}.valueUpper`, valueUpper, `is below the low end ${showNumber(input.value)}`);
    }
  } else if (valueUpper !== null) {
    throw badInput(`${path}.valueUpper`, valueUpper, `is only for a RANGE, not ${valueKind}`);
  }
  return {
    provinceId: input.provinceId,
    indicatorCode: indicator.code,
    year: input.year,
    value: input.value,
    numerator: input.numerator ?? null,
    denominator: input.denominator ?? null,
    source: input.source == null ? null : checkText(`${path}.source`, input.source, 500),
    valueKind,
    valueUpper,
    reason: input.reason == null ? null : checkText(`${path}.reason`, input.reason, 1000),
  };
}
