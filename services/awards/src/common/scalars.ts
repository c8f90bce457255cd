export { DateScalar, DateTimeScalar } from '@thidua/kit';
