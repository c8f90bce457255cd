export { DateResolver as DateScalar, DateTimeResolver as DateTimeScalar } from 'graphql-scalars';
