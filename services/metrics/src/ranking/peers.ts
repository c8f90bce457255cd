import { predatesUnit, provinceRegistry } from '../common/provinces.js';

/** Where one peer's value comes from: its own row, or one of its predecessors' rows. */
export interface PeerSource {
  peerId: string;
  sourceId: string;
  derived: boolean;
}

/**
 * The rows each peer's value is read from in `year`. A unit that did not
 * exist yet (a 2025 merged unit asked about 2019) reads its predecessors,
 * whose numerators and denominators are summed; lineage comes from the
 * national reference list every service ships.
 */
export function peerSources(provinceIds: readonly string[], year: number): PeerSource[] {
  const sources: PeerSource[] = [];
  // Each peer once: a ranking's statement reads one value per peer that existed, ungrouped.
  for (const peerId of new Set(provinceIds)) {
    const predecessors = provinceRegistry().get(peerId)?.predecessorIds ?? [];
    if (predecessors.length > 0 && predatesUnit(peerId, year)) {
      for (const sourceId of predecessors) sources.push({ peerId, sourceId, derived: true });
    } else {
      sources.push({ peerId, sourceId: peerId, derived: false });
    }
  }
  return sources;
}
