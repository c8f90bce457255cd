import { provinceTitle, referenceData } from '@thidua/kit/reference';
import { CommendationForm } from '../catalogue/catalogue.entity.js';

/*
 * Who a decision comes from follows the form and the date: a 2019 Ministry
 * certificate is "Bộ Thông tin và Truyền thông", a 2026 one "Bộ Khoa học và
 * Công nghệ" (Nghị định 55/2025/NĐ-CP). A commendation carries only its year,
 * so the authority is the one standing on the last day of that year.
 */

const nationalIssuers: Partial<Record<CommendationForm, string>> = {
  [CommendationForm.GOVERNMENT_EMULATION_FLAG]: 'Chính phủ',
  [CommendationForm.PRIME_MINISTER_CERTIFICATE]: 'Thủ tướng Chính phủ',
};

const ministryForms = new Set([CommendationForm.MINISTRY_EMULATION_FLAG, CommendationForm.MINISTRY_CERTIFICATE]);
const provinceForms = new Set([
  CommendationForm.PROVINCE_EMULATION_FLAG,
  CommendationForm.PROVINCE_CERTIFICATE,
  CommendationForm.EXCELLENT_LABOUR_COLLECTIVE,
]);

/** The authority a commendation of `form` for `provinceId` in `year` comes from, unless it says otherwise. */
export function defaultIssuer(form: CommendationForm, provinceId: string, year: number): string {
  const national = nationalIssuers[form];
  if (national) return national;
  const reference = referenceData();
  const day = `${year}-12-31`;
  if (ministryForms.has(form)) return reference.departments.ministryOn(day);
  const province = reference.provinces.get(provinceId);
  if (!province) return reference.departments.ministryOn(day);
  if (provinceForms.has(form)) return `Ủy ban nhân dân ${provinceTitle(province)}`;
  // The department's own forms: the department as it was named that year (the last one, for a unit that ended).
  const department = reference.departments.at(provinceId, day) ?? reference.departments.of(provinceId).at(-1);
  return department?.name ?? `Sở Thông tin và Truyền thông ${provinceTitle(province)}`;
}
