import { registerEnumType } from 'type-graphql';
import type { ProvinceKindName, RegionName } from '@thidua/kit/reference';

export { DateScalar, DateTimeScalar } from '@thidua/kit';

/** The six socio-economic regions of the statistics office. */
export enum Region {
  NORTHERN_MIDLANDS_AND_MOUNTAINS = 'NORTHERN_MIDLANDS_AND_MOUNTAINS',
  RED_RIVER_DELTA = 'RED_RIVER_DELTA',
  NORTH_CENTRAL_AND_CENTRAL_COAST = 'NORTH_CENTRAL_AND_CENTRAL_COAST',
  CENTRAL_HIGHLANDS = 'CENTRAL_HIGHLANDS',
  SOUTHEAST = 'SOUTHEAST',
  MEKONG_DELTA = 'MEKONG_DELTA',
}
registerEnumType(Region, { name: 'Region', description: 'Socio-economic region (statistics office)' });

export enum ProvinceKind {
  PROVINCE = 'PROVINCE',
  MUNICIPALITY = 'MUNICIPALITY',
}
registerEnumType(ProvinceKind, {
  name: 'ProvinceKind',
  description: 'Province (tỉnh) or centrally governed municipality (thành phố trực thuộc trung ương)',
});

// Compile-time check that the enums match the reference data's names.
export const regionCheck: Record<RegionName, Region> = Region;
export const kindCheck: Record<ProvinceKindName, ProvinceKind> = ProvinceKind;
