import { graphql } from './graphql.js';

/*
 * The reads and writes year-flow.test.ts sends besides the year's mutations
 * (year-fixture.ts), as typed documents. Kept here so the test stays short.
 */

/** Everything the year test reads of a season, from the compact to the frozen results. */
export const seasonState = graphql(`
  query ($c: ID!, $y: Int!) {
    cluster(id: $c) {
      season(year: $y) {
        status
        compact {
          signedOn
          place
          signatories {
            id
          }
          document {
            fileName
            contentType
            size
            url
          }
        }
        assessments {
          province {
            id
          }
          status
          selfTotal
          appraisedTotal
          returnReason
          items {
            criterion {
              code
            }
            selfScore
            ruleScore
            appraisedScore
            note
            returned
            evidence {
              id
              fileName
            }
          }
        }
        sheetRanking {
          province {
            id
          }
          appraisedTotal
          rank
        }
        results {
          lockedBy
          lockedAt
          revision
          nextHead {
            id
          }
          nextDeputyHead {
            id
          }
          weights {
            sheet
            ict
            award
          }
          standings {
            rank
            province {
              id
            }
            total
            sheetScore
            points
          }
          sheetRanking {
            province {
              id
            }
            rank
            appraisedTotal
          }
          adopted {
            province {
              id
            }
            form
            mode
          }
          figures {
            province {
              id
            }
            indicator
            revision
            value
          }
          cataloguePoints {
            form
            points
          }
        }
        history {
          actor
          action
          detail
          at
        }
      }
    }
  }
`);

/** The locked results beside the live standings. */
export const frozen = graphql(`
  query ($c: ID!, $y: Int!) {
    cluster(id: $c) {
      season(year: $y) {
        status
        results {
          standings {
            rank
            province {
              id
            }
            total
            points
            awardScore
          }
          cataloguePoints {
            form
            points
          }
        }
        standings {
          rank
          province {
            id
          }
          total
          points
        }
      }
    }
  }
`);

export const record = graphql(`
  mutation ($input: CommendationInput!) {
    recordCommendation(input: $input) {
      id
      points
    }
  }
`);

export const setPoints = graphql(`
  mutation ($p: Float!) {
    setCommendationPoints(form: MINISTRY_CERTIFICATE, points: $p) {
      points
    }
  }
`);

export const confirm = graphql(`
  mutation ($c: ID!, $y: Int!) {
    confirmNextHead(clusterId: $c, year: $y) {
      year
      head {
        id
      }
      deputyHead {
        id
      }
      members {
        id
      }
    }
  }
`);

/** A province's commendations of 2021: their ids, then their points. */
export const commendationIds2021 = graphql(`
  query ($id: ID!) {
    province(id: $id) {
      commendations(fromYear: 2021, toYear: 2021) {
        id
      }
    }
  }
`);

export const commendationPoints2021 = graphql(`
  query ($id: ID!) {
    province(id: $id) {
      commendations(fromYear: 2021, toYear: 2021) {
        points
      }
    }
  }
`);
