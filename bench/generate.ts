/** Generators of realistic manifests for benchmarks (block style, as people and kustomize write them). */
/** A typical Deployment of about 520 bytes (20,000 of them make 10 MB, as in the measurements). */
export function smallDeploymentYaml(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${i % 20}
  labels:
    app: app-${i}
spec:
  replicas: ${(i % 5) + 1}
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
      containers:
        - name: main
          image: ghcr.io/acme/app-${i}:1.${i % 10}.0
          ports:
            - containerPort: 8080
              name: http
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
          env:
            - name: LOG_LEVEL
              value: info
`;
}

/** A fuller, production-style Deployment (about 1.5 KB). */
export function deploymentYaml(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${i % 20}
  labels:
    app.kubernetes.io/name: app-${i}
    app.kubernetes.io/part-of: shop
  annotations:
    kubeproof.dev/owner: "team-${i % 20}"
spec:
  replicas: ${(i % 5) + 1}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app.kubernetes.io/name: app-${i}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  template:
    metadata:
      labels:
        app.kubernetes.io/name: app-${i}
    spec:
      serviceAccountName: app-${i}
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: main
          image: ghcr.io/acme/app-${i}:1.${i % 10}.0
          args: ["--port=8080", "--log-level=info"]
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
          env:
            - name: LOG_LEVEL
              value: info
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              cpu: "1"
              memory: 256Mi
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
            periodSeconds: 10
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
`;
}

export function deploymentsStream(count: number, make: (i: number) => string = smallDeploymentYaml): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(make(i));
  return parts.join('---\n');
}
