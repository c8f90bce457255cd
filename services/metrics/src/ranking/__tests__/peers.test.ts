import { peerSources } from '../peers.js';

describe('peerSources', () => {
  test('a unit asked about a year before it existed reads its predecessors; every peer once, in the order asked', () => {
    expect(peerSources(['quang-ninh', 'ninh-binh-2025', 'quang-ninh', 'ninh-binh-2025'], 2019)).toEqual([
      { peerId: 'quang-ninh', sourceId: 'quang-ninh', derived: false },
      { peerId: 'ninh-binh-2025', sourceId: 'ninh-binh', derived: true },
      { peerId: 'ninh-binh-2025', sourceId: 'ha-nam', derived: true },
      { peerId: 'ninh-binh-2025', sourceId: 'nam-dinh', derived: true },
    ]);
  });

  test('a unit that existed in the year reads its own rows', () => {
    expect(peerSources(['ninh-binh-2025'], 2026)).toEqual([
      { peerId: 'ninh-binh-2025', sourceId: 'ninh-binh-2025', derived: false },
    ]);
  });
});
