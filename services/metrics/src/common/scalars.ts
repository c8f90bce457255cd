export { DateTimeScalar } from '@thidua/kit';
