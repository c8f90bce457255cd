import { graphql } from './graphql.js';

/*
 * The documents node-outbox.test.ts sends, to the node's and the cluster's
 * gateways (both serve the public API). Kept here so the test file stays short.
 */

export const registerNode = graphql(`
  mutation {
    registerNode(provinceId: "quang-ninh", name: "Máy chủ Sở TT&TT Quảng Ninh") {
      credential
    }
  }
`);

/** What the tests read of one subgraph's outbox. */
const outboxFields = graphql(`
  fragment OutboxFields on OutboxStatus @_unmask {
    cluster
    pending
    rejected
    lastSuccessAt
    lastError
    deadLetters {
      seq
      kind
      reason
      payload
      resolution
    }
    resolvedDeadLetters {
      seq
      resolution
      resolutionNote
      retriedAs
    }
  }
`);

/** One subgraph's outbox on the node: with `awards` true the awards one, else the metrics one. */
export const nodeOutbox = graphql(
  `
    query ($awards: Boolean!) {
      nodeOutbox {
        provinceId
        metrics @skip(if: $awards) {
          ...OutboxFields
        }
        awards @include(if: $awards) {
          ...OutboxFields
        }
      }
    }
  `,
  [outboxFields],
);

export const recordCommendation = graphql(`
  mutation ($input: CommendationInput!) {
    recordCommendation(input: $input) {
      id
    }
  }
`);

export const commendationsOnCluster = graphql(`
  query ($year: Int!) {
    province(id: "quang-ninh") {
      commendations(fromYear: $year, toYear: $year) {
        id
        form
        decision
        recipientName
      }
    }
  }
`);

/** Two criterion-8 figures of Quảng Ninh, 2018 and 2019. */
export const recordTwoFigures = graphql(`
  mutation {
    recordObservations(
      input: [
        { provinceId: "quang-ninh", indicator: "nrd.criterion8_communes_pct", year: 2018, value: 91 }
        { provinceId: "quang-ninh", indicator: "nrd.criterion8_communes_pct", year: 2019, value: 92 }
      ]
    ) {
      revision
    }
  }
`);

export const clusterNodeOutbox = graphql(`
  {
    nodeOutbox {
      provinceId
    }
  }
`);

/** The refused Ministry-level flag corrected on the node to a provincial one. */
export const correctToProvinceFlag = graphql(`
  mutation ($id: ID!) {
    correctCommendation(
      id: $id
      input: { form: PROVINCE_EMULATION_FLAG, decision: "Quyết định số 15/QĐ-UBND" }
      note: "cấp tỉnh"
    ) {
      revision
    }
  }
`);

/** The Ministry's copy on the cluster put right: it was for the 2013 decision. */
export const correctTo2013 = graphql(`
  mutation ($id: ID!) {
    correctCommendation(id: $id, input: { year: 2013, decision: "Quyết định số 13/QĐ-UBND" }, note: "nhập nhầm năm") {
      year
    }
  }
`);

export const retryAwardsWithNote = graphql(`
  mutation ($seq: Int!) {
    retryAwardsRecord(seq: $seq, note: "thử lại") {
      resolution
      retriedAs
    }
  }
`);

export const retryAwardsSeq = graphql(`
  mutation ($seq: Int!) {
    retryAwardsRecord(seq: $seq) {
      seq
    }
  }
`);

export const retryAwards = graphql(`
  mutation ($seq: Int!) {
    retryAwardsRecord(seq: $seq) {
      resolution
    }
  }
`);

export const retryMetrics = graphql(`
  mutation ($seq: Int!) {
    retryMetricsRecord(seq: $seq) {
      resolution
    }
  }
`);

export const discardAwardsFixed = graphql(`
  mutation ($seq: Int!) {
    discardAwardsRecord(seq: $seq, reason: "đã sửa thành cờ thi đua cấp tỉnh") {
      resolution
      resolutionNote
    }
  }
`);

export const discardAwardsTrial = graphql(`
  mutation ($seq: Int!) {
    discardAwardsRecord(seq: $seq, reason: "bản thử") {
      resolution
    }
  }
`);

export const discardMetricsTrial = graphql(`
  mutation ($seq: Int!) {
    discardMetricsRecord(seq: $seq, reason: "bản thử") {
      resolution
    }
  }
`);

export const awardsPending = graphql(`
  {
    nodeOutbox {
      awards {
        pending
      }
    }
  }
`);

export const discardOnCluster = graphql(`
  mutation {
    discardAwardsRecord(seq: 1, reason: "x") {
      seq
    }
  }
`);
