/**
 * What CI/CD needs of the service catalogue (`platform:services`): defined with the other values the
 * config hands the constructs (stacks/config/construct-props.ts).
 */
export { type CatalogueService, catalogueServices } from '../config/construct-props';
