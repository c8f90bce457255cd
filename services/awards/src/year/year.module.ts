import { AssessmentItem } from '../assessment/assessment-item.entity.js';
import {
  AssessmentItemResolver,
  AssessmentResolver,
  SeasonAssessmentsResolver,
} from '../assessment/assessment.resolver.js';
import { Assessment } from '../assessment/assessment.entity.js';
import { ItemEvidence } from '../assessment/item-evidence.entity.js';
import { HeadElectionResolver, SeasonElectionResolver } from '../election/election.resolver.js';
import { HeadElection } from '../election/head-election.entity.js';
import { HeadVote } from '../election/head-vote.entity.js';
import { EvidenceFile } from '../evidence/evidence-file.entity.js';
import { EvidenceResolver } from '../evidence/evidence.resolver.js';
import { ResultsFieldsResolver, SeasonResultsResolver } from '../lock/lock.resolver.js';
import { SeasonResult } from '../lock/season-result.entity.js';
import { ReviewResolver } from '../review/review.resolver.js';
import { Criterion } from '../sheet/criterion.entity.js';
import { CriterionResolver, SheetResolver } from '../sheet/sheet.resolver.js';
import { SeasonEvent } from './season-event.entity.js';
import { SeasonYear } from './season-year.entity.js';
import { CompactResolver, YearResolver } from './year.resolver.js';

/** The emulation year's tables, for the subgraph's data source. */
export const yearEntities = [
  SeasonYear,
  SeasonEvent,
  Criterion,
  Assessment,
  AssessmentItem,
  ItemEvidence,
  EvidenceFile,
  HeadElection,
  HeadVote,
  SeasonResult,
];

/** The emulation year's resolvers: compact, sheet, assessments, review decisions, election, lock, files. */
export const yearResolvers = [
  YearResolver,
  CompactResolver,
  SheetResolver,
  CriterionResolver,
  SeasonAssessmentsResolver,
  AssessmentResolver,
  AssessmentItemResolver,
  ReviewResolver,
  SeasonElectionResolver,
  HeadElectionResolver,
  SeasonResultsResolver,
  ResultsFieldsResolver,
  EvidenceResolver,
] as const;
