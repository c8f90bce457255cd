export { DateTimeResolver as DateTimeScalar } from 'graphql-scalars';
