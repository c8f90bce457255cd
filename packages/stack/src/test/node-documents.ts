import type { TypedDocument } from '@thidua/kit/testing';
import { graphql, type VariablesOf } from './graphql.js';

/*
 * The documents node.test.ts sends, to the cluster's and the node's gateways
 * (both serve the public API). Kept here so the test file stays short.
 */

export const recordObservations = graphql(`
  mutation ($input: [ObservationInput!]!) {
    recordObservations(input: $input) {
      revision
    }
  }
`);

export const historyQuery = graphql(`
  query ($year: Int!) {
    observations(provinceId: "quang-ninh", indicator: "nrd.criterion8_communes_pct", year: $year) {
      value
      revision
      history {
        value
        revision
        recordedBy
      }
    }
  }
`);

export const receiveMetricsRecords = graphql(`
  mutation ($batch: NodeBatchInput!) {
    receiveMetricsRecords(batch: $batch) {
      lastSeq
      rejected {
        seq
        reason
      }
    }
  }
`);

export type NodeBatch = VariablesOf<typeof receiveMetricsRecords>['batch'];

/** What a node refuses: the cluster keeps catalogues, cluster structure and the review. */
export const clusterOnlyMutations: Record<string, TypedDocument<unknown, Record<string, never>>> = {
  createCluster: graphql(`
    mutation {
      createCluster(id: "cum-50", name: "Cụm 50") {
        id
      }
    }
  `),
  electHead: graphql(`
    mutation {
      electHead(clusterId: "cum-3", year: 2020, headId: "quang-ninh") {
        year
      }
    }
  `),
  nominate: graphql(`
    mutation {
      nominate(clusterId: "cum-3", year: 2020, provinceId: "quang-ninh", form: MINISTRY_EMULATION_FLAG) {
        id
      }
    }
  `),
  setCommendationPoints: graphql(`
    mutation {
      setCommendationPoints(form: MINISTRY_CERTIFICATE, points: 9) {
        points
      }
    }
  `),
};

export const registerNode = graphql(`
  mutation {
    registerNode(provinceId: "quang-ninh", name: "Máy chủ Sở TT&TT Quảng Ninh") {
      credential
    }
  }
`);

export const clusterRanking = graphql(`
  {
    cluster(id: "cum-3") {
      season(year: 2019) {
        indicatorRanking(indicator: "nrd.criterion8_communes_pct") {
          province {
            id
          }
          value
          rank
        }
      }
    }
  }
`);

export const nodeMetricsStatus = graphql(`
  {
    province(id: "quang-ninh") {
      node {
        provinceId
        metrics {
          nodeId
          lastExchangeAt
          pending
          accepted
          rejected
        }
      }
    }
  }
`);

export const noNodeStatus = graphql(`
  {
    province(id: "ha-nam") {
      node {
        metrics {
          nodeId
        }
      }
    }
  }
`);

export const bacNinhObservations = graphql(`
  {
    observations(provinceId: "bac-ninh", indicator: "nrd.criterion8_communes_pct") {
      value
    }
  }
`);

export const recordCommendation = graphql(`
  mutation ($input: CommendationInput!) {
    recordCommendation(input: $input) {
      id
      revision
    }
  }
`);

export const correctCommendation = graphql(`
  mutation ($id: ID!) {
    correctCommendation(id: $id, input: { decision: "Quyết định số 101/QĐ-UBND" }, note: "số quyết định") {
      revision
    }
  }
`);

export const commendationsOnCluster = graphql(`
  {
    province(id: "quang-ninh") {
      commendations(fromYear: 2019, toYear: 2019) {
        id
        form
        decision
        revision
        history {
          revision
          decision
        }
      }
    }
  }
`);

export const pointsStandings = graphql(`
  {
    cluster(id: "cum-3") {
      season(year: 2019) {
        standings(ictWeight: 0, awardWeight: 1) {
          rank
          province {
            id
          }
          awardScore
        }
      }
    }
  }
`);

export const awardsExchangeStatus = graphql(`
  {
    province(id: "quang-ninh") {
      node {
        awards {
          accepted
          pending
          rejected
        }
      }
    }
  }
`);

export const recordMinistryFlag = graphql(`
  mutation {
    recordCommendation(
      input: {
        provinceId: "quang-ninh"
        form: MINISTRY_EMULATION_FLAG
        year: 2018
        recipientKind: DEPARTMENT
        recipientName: "Sở Thông tin và Truyền thông Quảng Ninh"
      }
    ) {
      id
    }
  }
`);

export const rejectedOnCluster = graphql(`
  {
    province(id: "quang-ninh") {
      commendations(fromYear: 2018, toYear: 2018) {
        form
      }
      node {
        awards {
          rejected
        }
      }
    }
  }
`);

export const cursorQuery = graphql(`
  {
    province(id: "quang-ninh") {
      node {
        metrics {
          nodeId
          lastSeq
        }
      }
    }
  }
`);
