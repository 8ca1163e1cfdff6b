{{- define "sss.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "sss.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "sss.labels" -}}
app.kubernetes.io/name: {{ include "sss.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "sss.selectorLabels" -}}
app.kubernetes.io/name: {{ include "sss.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "sss.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "sss.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
What the operator asks of the API server in the namespaces it watches. OperatorRbacIT compares
these rules with what the operator's code derives from its dependents and clients, and checks every
request the operator makes in the lifecycle scenario against them.
*/}}
{{- define "sss.watchedRules" -}}
- apiGroups: [""]
  resources: [configmaps]
  verbs: [create, list, update, watch]
- apiGroups: [""]
  resources: [events]
  verbs: [create]
- apiGroups: [""]
  resources: [secrets]
  verbs: [list, watch]
- apiGroups: [""]
  resources: [services]
  verbs: [create, list, update, watch]
- apiGroups: [apps]
  resources: [deployments]
  verbs: [create, list, patch, update, watch]
- apiGroups: [batch]
  resources: [jobs]
  verbs: [create, delete, list, watch]
- apiGroups: [serversidesync.io]
  resources: [serversidesyncs]
  verbs: [get, list, patch, watch]
- apiGroups: [serversidesync.io]
  resources: [serversidesyncs/status]
  verbs: [update]
{{- end -}}

{{/*
runner.pod as the operator reads it (SSS_RUNNER_POD_TEMPLATE): JSON, empty fields left out.
*/}}
{{- define "serversidesync-operator.runnerPodTemplate" -}}
{{- $template := dict -}}
{{- range $field, $value := .Values.runner.pod -}}
{{- if $value -}}
{{- $_ := set $template $field $value -}}
{{- end -}}
{{- end -}}
{{- toJson $template -}}
{{- end -}}
