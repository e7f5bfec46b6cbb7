import { LIST_RESPONSE_SCHEMA } from '../schema/urns';

/** The body of a list or search response (RFC 7644 §3.4.2). */
export interface ListResponse<T> {
  schemas: [typeof LIST_RESPONSE_SCHEMA];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
}

/** Builds a ListResponse (RFC 7644 §3.4.2): `itemsPerPage` is the number of resources returned. */
export function listResponse<T>(resources: T[], totalResults: number, startIndex: number): ListResponse<T> {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
