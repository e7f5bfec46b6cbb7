import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

/** A message or job payload that does not match its contract. */
export class ContractViolation extends Error {
  constructor(
    readonly contract: string,
    readonly problems: string[],
  ) {
    super(`${contract}: ${problems.join('; ')}`);
    this.name = 'ContractViolation';
  }
}

function describe(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...describe(error.children ?? [], path)];
  });
}

/**
 * Turns a received payload into an instance of its contract class, or throws ContractViolation.
 * Every message and job payload goes through this on receipt (DESIGN.md §2).
 */
export function parseContract<T extends object>(contract: ClassConstructor<T>, payload: unknown): T {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new ContractViolation(contract.name, ['payload must be an object']);
  }
  const instance = plainToInstance(contract, payload);
  const problems = describe(validateSync(instance, { forbidUnknownValues: false }));
  if (problems.length > 0) throw new ContractViolation(contract.name, problems);
  return instance;
}
