/**
 * Where kubeproof's error message differs on purpose from the one kustomize v5.5.0 gives, case by
 * case: what kustomize says (the case's expected-error.txt, without its final newline), what
 * kubeproof says instead, and why. Every failing conformance case not listed here must give
 * kustomize's message word for word. Paths need no normalising: the generators
 * (scripts/conformance-expected.mjs, scripts/fixtures-generators.mjs) already write kustomize's
 * paths relative to the case folder, which is the repository root kubeproof renders.
 *
 * When kustomize's message changes (a regenerated expected-error.txt), or kubeproof starts to say
 * what kustomize says, conformance.test.ts fails on the entry: update or remove it.
 */
export interface MessageMapping {
  kustomize: string;
  kubeproof: string;
  why: string;
}

const GO_DUMP =
  "kustomize prefixes Go's dump of the generated object, its data included; kubeproof never prints generated values, which may be secrets, and keeps kustomize's reason";
const GO_DUMP_AND_KEY = `${GO_DUMP}, naming the key kustomize reads back as a non-string instead (a key is not a value)`;
const GO_DUMP_AND_FIELD =
  "kustomize prints Go's dump of the resource; kubeproof names the field and says how to fix it (quote it)";
const YAML_LINE_AND_KEY =
  "kustomize's `line N` counts lines of the YAML it writes internally, not of any file in the repository; kubeproof drops it and names the key or value at fault";
const GO_DUMP_YAML_LINE_AND_KEY = `${GO_DUMP}; and ${YAML_LINE_AND_KEY}`;
const LINE_NOT_BYTES =
  'kustomize prints the bytes of the env-file line, which may hold a secret; kubeproof gives its line number instead';
const ENTRY_NOT_SHOWN =
  'kustomize repeats the literal, which may hold a secret; kubeproof gives its position and what is wrong with it instead';
const FILE_SOURCE =
  "kustomize reports Go's file-system calls (evalsymlink, lstat); kubeproof reads a repository tree, where the file is simply missing";
const ACCUMULATION =
  "kustomize nests the error in its accumulation chain and appends the misleading retry as a folder ('file is not directory'); kubeproof says what is wrong and where, in one line";
const GO_IDS =
  'kustomize prints its internal resource id (Deployment.v1.apps/api-v2.[noNs]) three times; kubeproof names the kind and the name once';
const REPOSITORY_ONLY =
  'kubeproof reads only files inside the repository (kustomize: inside the kustomization folder), so its rule and reason are its own (kustomize-path-escape)';
const NO_NETWORK =
  "kubeproof never fetches while rendering and says what to do instead; kustomize's message depends on the network of the machine that ran it";
const CONTEXT_IS_THE_PATH =
  "kustomize's first line (`Failed to read kustomization file under overlay:`) is the finding's path; kubeproof's message is kustomize's second line";
const CONFIG_DUMP =
  "kustomize dumps the patch's configuration around its reason; kubeproof gives the reason on one line (for a patch without a name, what it lacks), and the finding points at the patch";
const ADVICE = "kubeproof adds what to write instead after kustomize's message";

export const MESSAGE_MAPPINGS: Readonly<Record<string, MessageMapping>> = {
  '39-err-duplicate-resource-id': {
    kustomize:
      "accumulating resources: accumulation err='merging resources from 'web-copy.yaml': may not add resource with an already registered id: Deployment.v1.apps/web.[noNs]': must build at directory: 'overlay/web-copy.yaml': file is not directory",
    kubeproof:
      'Deployment.apps web (overlay/web-copy.yaml:1) has the same id as the one from base/deployment.yaml:1: kustomize refuses two resources with one id',
    why: ACCUMULATION,
  },
  '40-err-missing-resource-file': {
    kustomize:
      "accumulating resources: accumulation err='accumulating resources from 'ingress.yaml': evalsymlink failure on 'overlay/ingress.yaml' : lstat overlay/ingress.yaml: no such file or directory': must build at directory: not a valid directory: evalsymlink failure on 'overlay/ingress.yaml' : lstat overlay/ingress.yaml: no such file or directory",
    kubeproof: 'resource ingress.yaml: overlay/ingress.yaml does not exist in the repository',
    why: ACCUMULATION,
  },
  '41-err-patch-target-not-found': {
    kustomize:
      'no resource matches strategic merge patch "Deployment.v1.apps/api-v2.[noNs]": no matches for Id Deployment.v1.apps/api-v2.[noNs]; failed to find unique target for patch Deployment.v1.apps/api-v2.[noNs]',
    kubeproof: 'no resource matches the strategic merge patch for Deployment api-v2',
    why: GO_IDS,
  },
  '42-err-resource-outside-root': {
    kustomize:
      "accumulating resources: accumulation err='accumulating resources from '../../01-resources-files-folders/base/app.yaml': security; file 'test/fixtures/kustomize/conformance/01-resources-files-folders/base/app.yaml' is not in or below 'overlay'': must build at directory: 'test/fixtures/kustomize/conformance/01-resources-files-folders/base/app.yaml': file is not directory",
    kubeproof:
      'resource ../../01-resources-files-folders/base/app.yaml leaves the repository: kubeproof only reads files inside it',
    why: REPOSITORY_ONLY,
  },
  '43-err-remote-url-resource': {
    kustomize:
      "accumulating resources: accumulation err='accumulating resources from 'https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v5.5.0': Get \"https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v5.5.0\": dial tcp: lookup github.com on 10.255.255.53:53: no such host': failed to run '/usr/bin/git fetch --depth=1 https://github.com/kubernetes-sigs/kustomize v5.5.0': fatal: unable to access 'https://github.com/kubernetes-sigs/kustomize/': Could not resolve host: github.com\n: exit status 128",
    kubeproof:
      'remote resource https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v5.5.0: kubeproof never fetches from the network while rendering; vendor it into the repository or render this environment with renderer: kustomize',
    why: NO_NETWORK,
  },
  '45-err-component-as-resource': {
    kustomize:
      "accumulating resources: accumulation err='accumulating resources from '../component': 'component' must resolve to a file': expected kind != 'Component' for path 'component'",
    kubeproof: 'component/kustomization.yaml is a Component: list it under components, not resources',
    why: ACCUMULATION,
  },
  '53-err-infinity-scalar': {
    kustomize:
      'map[string]interface {}{"apiVersion":"acme.io/v1", "kind":"Quota", "metadata":map[string]interface {}{"name":"q"}, "spec":map[string]interface {}{"max":+Inf}}: json: unsupported value: +Inf',
    kubeproof: '/spec/max is Infinity, which kustomize cannot encode as JSON: quote it if it is text',
    why: GO_DUMP_AND_FIELD,
  },
  '57-err-kustomization-apiversion': {
    kustomize:
      'Failed to read kustomization file under overlay:\napiVersion for Kustomization should be kustomize.config.k8s.io/v1beta1',
    kubeproof: 'apiVersion for Kustomization should be kustomize.config.k8s.io/v1beta1',
    why: CONTEXT_IS_THE_PATH,
  },
  '61-err-patch-without-name': {
    kustomize:
      'trouble configuring builtin PatchTransformer with config: `\npath: service-type.yaml\ntarget:\n  kind: Service\n  name: web\n`: unable to parse SM or JSON patch from [path: "service-type.yaml"]',
    kubeproof: 'unable to parse SM or JSON patch: a strategic merge patch needs kind and metadata.name',
    why: CONFIG_DUMP,
  },
  '62-err-empty-kustomization': {
    kustomize: 'kustomization.yaml is empty',
    kubeproof:
      'kustomization.yaml is empty: kustomize refuses a kustomization that sets nothing (write resources: [] for an empty one)',
    why: ADVICE,
  },
  '66-err-patch-path-and-inline': {
    kustomize:
      "trouble configuring builtin PatchTransformer with config: `\npatch: |-\n  - op: replace\n    path: /spec/replicas\n    value: 2\npath: replicas.yaml\ntarget:\n  kind: Deployment\n`: patch and path can't be set at the same time\npatch: |-\n  - op: replace\n    path: /spec/replicas\n    value: 2\npath: replicas.yaml\ntarget:\n  kind: Deployment",
    kubeproof: "patch and path can't be set at the same time",
    why: CONFIG_DUMP,
  },
  'envs-control-character-error': {
    kustomize:
      'map[string]interface {}{"apiVersion":"v1", "data":map[string]interface {}{"A":"x\\uffffy"}, "kind":"ConfigMap", "metadata":map[string]interface {}{"name":"c-k4hd4f2dhm"}}: yaml: control characters are not allowed',
    kubeproof: 'yaml: control characters are not allowed',
    why: GO_DUMP,
  },
  'envs-invalid-utf8-comment-error': {
    kustomize:
      'loading KV pairs: env source files: [a.env]: line [35 32 99 97 102 233] has invalid utf8 bytes : # caf\\xe9',
    kubeproof:
      'loading KV pairs: env source files: [a.env]: line 1 has invalid UTF-8 bytes (its content is not shown: it may hold a secret)',
    why: LINE_NOT_BYTES,
  },
  'envs-invalid-utf8-error': {
    kustomize:
      'loading KV pairs: env source files: [a.env]: line [66 61 255 254] has invalid utf8 bytes : B=\\xff\\xfe',
    kubeproof:
      'loading KV pairs: env source files: [a.env]: line 2 has invalid UTF-8 bytes (its content is not shown: it may hold a secret)',
    why: LINE_NOT_BYTES,
  },
  'envs-missing-error': {
    kustomize:
      "loading KV pairs: env source files: [nope.env]: evalsymlink failure on 'nope.env' : lstat nope.env: no such file or directory",
    kubeproof: "loading KV pairs: env source files: [nope.env]: no such file 'nope.env'",
    why: FILE_SOURCE,
  },
  'files-control-character-error': {
    kustomize:
      'map[string]interface {}{"apiVersion":"v1", "data":map[string]interface {}{"f.txt":"x\\x7fy\\n"}, "kind":"ConfigMap", "metadata":map[string]interface {}{"name":"c-mhg948b29t"}}: yaml: control characters are not allowed',
    kubeproof: 'yaml: control characters are not allowed',
    why: GO_DUMP,
  },
  'files-missing-error': {
    kustomize:
      "loading KV pairs: file sources: [missing.txt]: evalsymlink failure on 'missing.txt' : lstat missing.txt: no such file or directory",
    kubeproof: "loading KV pairs: file sources: [missing.txt]: no such file 'missing.txt'",
    why: FILE_SOURCE,
  },
  'files-numeric-binary-key-error': {
    kustomize:
      'map[string]interface {}{"apiVersion":"v1", "binaryData":map[interface {}]interface {}{31:"/w=="}, "kind":"ConfigMap", "metadata":map[string]interface {}{"name":"c-gt85g98k89"}}: json: unsupported type: map[interface {}]interface {}',
    kubeproof:
      'json: unsupported type: map[interface {}]interface {} (kustomize reads the key `0x1F` back as a non-string)',
    why: GO_DUMP_AND_KEY,
  },
  'files-tab-first-line-error': {
    kustomize: 'yaml: line 2: found a tab character where an indentation space is expected',
    kubeproof:
      'yaml: found a tab character where an indentation space is expected (kustomize cannot read back the value of `Makefile`, a multi-line text starting with a tab)',
    why: YAML_LINE_AND_KEY,
  },
  'files-tab-first-line-unhashed-error': {
    kustomize:
      'map[string]interface {}{"apiVersion":"v1", "data":map[string]interface {}{"Makefile":"\\techo hi\\n"}, "kind":"ConfigMap", "metadata":map[string]interface {}{"name":"c"}}: yaml: line 6: found a tab character where an indentation space is expected',
    kubeproof:
      'yaml: found a tab character where an indentation space is expected (kustomize cannot read back the value of `Makefile`, a multi-line text starting with a tab)',
    why: GO_DUMP_YAML_LINE_AND_KEY,
  },
  'literals-leading-equals-error': {
    kustomize: 'loading KV pairs: literal sources [=1]: invalid literal source =1, expected key=value',
    kubeproof:
      'loading KV pairs: literal source 1 of 1: invalid literal source (no key before "="; the entry is not shown, it may hold a secret), expected key=value',
    why: ENTRY_NOT_SHOWN,
  },
  'literals-no-equals-error': {
    kustomize:
      'loading KV pairs: literal sources [noequals]: invalid literal source noequals, expected key=value',
    kubeproof:
      'loading KV pairs: literal source 1 of 1: invalid literal source (no "="; the entry is not shown, it may hold a secret), expected key=value',
    why: ENTRY_NOT_SHOWN,
  },
  'literals-numeric-key-error': {
    kustomize:
      'map[string]interface {}{"apiVersion":"v1", "data":map[interface {}]interface {}{"a":"b", 1:"one"}, "kind":"ConfigMap", "metadata":map[string]interface {}{"name":"c-ct8g967b4b"}}: json: unsupported type: map[interface {}]interface {}',
    kubeproof:
      'json: unsupported type: map[interface {}]interface {} (kustomize reads the key `1` back as a non-string)',
    why: GO_DUMP_AND_KEY,
  },
  'literals-tab-key-error': {
    kustomize: 'yaml: line 2: found a tab character where an indentation space is expected',
    kubeproof: 'yaml: found a tab character where an indentation space is expected (in the key `\tx\ny`)',
    why: YAML_LINE_AND_KEY,
  },
  'literals-timestamp-key-error': {
    kustomize:
      'map[string]interface {}{"apiVersion":"v1", "data":map[interface {}]interface {}{time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC):"new year"}, "kind":"ConfigMap", "metadata":map[string]interface {}{"name":"c-2k4fcb8hh2"}}: json: unsupported type: map[interface {}]interface {}',
    kubeproof:
      'json: unsupported type: map[interface {}]interface {} (kustomize reads the key `2024-01-01` back as a non-string)',
    why: GO_DUMP_AND_KEY,
  },
  'options-numeric-label-key-error': {
    kustomize:
      'map[string]interface {}{"apiVersion":"v1", "data":map[string]interface {}{"a":"b"}, "kind":"ConfigMap", "metadata":map[string]interface {}{"labels":map[interface {}]interface {}{1:"x"}, "name":"c-4h2mbtbbt6"}}: json: unsupported type: map[interface {}]interface {}',
    kubeproof:
      'json: unsupported type: map[interface {}]interface {} (kustomize reads the key `1` back as a non-string)',
    why: GO_DUMP_AND_KEY,
  },
  'secret-boolean-key-error': {
    kustomize:
      'map[string]interface {}{"apiVersion":"v1", "data":map[interface {}]interface {}{true:"eWVz"}, "kind":"Secret", "metadata":map[string]interface {}{"name":"s-9c57ck287k"}, "type":"Opaque"}: json: unsupported type: map[interface {}]interface {}',
    kubeproof:
      'json: unsupported type: map[interface {}]interface {} (kustomize reads the key `true` back as a non-string)',
    why: GO_DUMP_AND_KEY,
  },
};
