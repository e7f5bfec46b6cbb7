import { RUNSCOPE_COMPARISONS } from './runscope-comparisons';
import { runRunscopeScript } from './runscope-script';
import { jsonProperty, substituteVariables } from './runscope-values';

const listResponse = {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
  totalResults: 0,
  Resources: [{ id: 'u1', active: false, name: { givenName: 'Ann' }, emails: [{ value: 'a@x.example' }] }],
};

describe('the Runscope interpreter reads Okta’s test file as Runscope would', () => {
  it.each([
    ['Resources[0].id', 'u1'],
    ['Resources[0].name.givenName', 'Ann'],
    ['Resources[0].emails[0].value', 'a@x.example'],
    ['Resources[1].id', undefined],
    ['Resources[0].name.familyName', undefined],
    ['totalResults.value', undefined],
  ])('JSON property %s', (path, expected) => {
    expect(jsonProperty(listResponse, path)).toEqual(expected);
  });

  it.each([
    // comparison, actual, expected value, passes
    ['equal', true, 'true', true],
    ['equal', 0, '0', true],
    ['equal', 'abc', 'ABC', false],
    ['equal', undefined, '', false],
    ['equal_number', 200, '200', true],
    ['equal_number', 404, '200', false],
    ['equal_number', undefined, '0', false],
    ['not_empty', false, '', true],
    ['not_empty', 'x', '', true],
    ['not_empty', '', '', false],
    ['not_empty', [], '', false],
    ['not_empty', undefined, '', false],
    ['has_value', listResponse.schemas, 'urn:ietf:params:scim:api:messages:2.0:ListResponse', true],
    ['has_value', listResponse.schemas, 'urn:ietf:params:scim:api:messages:2.0:Error', false],
    ['contains', ['a', 'b'], 'b', true],
    ['contains', 'abc', 'bc', true],
    ['contains', undefined, 'x', false],
    ['is_a_number', 3, '', true],
    ['is_a_number', '3', '', true],
    ['is_a_number', 'three', '', false],
    ['is_a_number', undefined, '', false],
    ['is_less_than', 120.5, '600', true],
    ['is_less_than', 601, '600', false],
  ])('%s(%j, %j) is %s', (comparison, actual, expected, passes) => {
    expect(RUNSCOPE_COMPARISONS[comparison](actual, expected)).toBe(passes);
  });

  it('substitutes {{variables}} and refuses an undefined one', () => {
    const variables = new Map([['SCIMBaseURL', 'http://h/scim/v2/o']]);
    expect(substituteVariables('{{SCIMBaseURL}}/Users', variables)).toBe('http://h/scim/v2/o/Users');
    expect(() => substituteVariables('{{auth}}', variables)).toThrow('{{auth}} is not defined');
  });

  it('runs a script with Runscope globals; a failed assert or a thrown error fails it', () => {
    const response = { status: 200, body: '{"totalResults":2}', headers: {}, response_time_ms: 3 };
    const variables = new Map<string, string>();
    runRunscopeScript(
      'var d = JSON.parse(response.body); assert.ok(d.totalResults === 2); variables.set("n", d.totalResults);',
      response,
      variables,
    );
    expect(variables.get('n')).toBe('2');
    expect(() => runRunscopeScript('assert(false, "nogroups")', response, variables)).toThrow('nogroups');
    expect(() => runRunscopeScript('JSON.parse("<html>")', response, variables)).toThrow();
  });
});
