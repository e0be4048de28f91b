{{/*
Naming. Resources are "<fullname>-<component>"; fullname is "<release>-<chart>" unless the release
name already contains the chart name. Everything is truncated to the 63 characters DNS labels allow.
*/}}
{{- define "switchboard.name" -}}{{ default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}{{- end -}}

{{- define "switchboard.fullname" -}}{{ if .Values.fullnameOverride }}{{ .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}{{ else if contains (include "switchboard.name" .) .Release.Name }}{{ .Release.Name | trunc 63 | trimSuffix "-" }}{{ else }}{{ printf "%s-%s" .Release.Name (include "switchboard.name" .) | trunc 63 | trimSuffix "-" }}{{ end }}{{- end -}}

{{- define "switchboard.chart" -}}{{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}{{- end -}}

{{- define "switchboard.namespace" -}}{{ .Release.Namespace }}{{- end -}}

{{/* Name of one component's resources. Usage: include "switchboard.componentName" (dict "ctx" $ "component" "gateway") */}}
{{- define "switchboard.componentName" -}}{{ printf "%s-%s" (include "switchboard.fullname" .ctx | trunc 52 | trimSuffix "-") .component }}{{- end -}}

{{/*
Labels. Usage: include "switchboard.labels" (dict "ctx" $ "component" "gateway").
Chart labels win over commonLabels with the same key, so selectors can never be overridden.
*/}}
{{- define "switchboard.selectorLabels" -}}{{ toYaml (dict "app.kubernetes.io/name" (include "switchboard.name" .ctx) "app.kubernetes.io/instance" .ctx.Release.Name "app.kubernetes.io/component" .component) }}{{- end -}}

{{- define "switchboard.labels" -}}{{ toYaml (merge (fromYaml (include "switchboard.selectorLabels" .)) (dict "helm.sh/chart" (include "switchboard.chart" .ctx) "app.kubernetes.io/version" (.ctx.Values.image.tag | default .ctx.Chart.AppVersion | toString | trunc 63 | trimSuffix "-") "app.kubernetes.io/managed-by" .ctx.Release.Service "app.kubernetes.io/part-of" "switchboard") .ctx.Values.commonLabels) }}{{- end -}}

{{/* Pod labels: chart labels plus the component's podLabels (chart labels win). Usage as "switchboard.labels" plus "values". */}}
{{- define "switchboard.podLabels" -}}{{ toYaml (merge (fromYaml (include "switchboard.labels" .)) .values.podLabels) }}{{- end -}}

{{/* Image reference: "[registry/]repository@digest" or "[registry/]repository:tag" (tag defaults to appVersion). */}}
{{- define "switchboard.image" -}}{{ $i := .Values.image }}{{ $repo := ternary (printf "%s/%s" $i.registry $i.repository) $i.repository (ne $i.registry "") }}{{ if $i.digest }}{{ printf "%s@%s" $repo $i.digest }}{{ else }}{{ printf "%s:%s" $repo ($i.tag | default .Chart.AppVersion | toString) }}{{ end }}{{- end -}}

{{/* Service account of a component. Usage: include "switchboard.serviceAccountName" (dict "ctx" $ "component" "gateway" "values" .Values.gateway) */}}
{{- define "switchboard.serviceAccountName" -}}{{ if .values.serviceAccount.create }}{{ default (include "switchboard.componentName" .) .values.serviceAccount.name }}{{ else }}{{ default "default" .values.serviceAccount.name }}{{ end }}{{- end -}}

{{/* ClickHouse password: Secret name, and whether any password is configured at all. */}}
{{- define "switchboard.clickhouse.secretName" -}}{{ default (printf "%s-clickhouse" (include "switchboard.fullname" . | trunc 52 | trimSuffix "-")) .Values.clickhouse.existingSecret }}{{- end -}}

{{- define "switchboard.clickhouse.secretKey" -}}{{ ternary .Values.clickhouse.existingSecretPasswordKey "password" (ne .Values.clickhouse.existingSecret "") }}{{- end -}}

{{- define "switchboard.clickhouse.hasPassword" -}}{{ or (ne .Values.clickhouse.existingSecret "") (ne .Values.clickhouse.password "") }}{{- end -}}

{{/* Gateway grace period: the configured value, or preStop sleep + drain timeout (rounded up) + 10 s. */}}
{{- define "switchboard.gateway.terminationGracePeriodSeconds" -}}{{ $g := .Values.gateway }}{{ $min := add $g.preStopSleepSeconds (div (add $g.drainTimeoutMs 999) 1000) }}{{ if kindIs "invalid" $g.terminationGracePeriodSeconds }}{{ add $min 10 }}{{ else if le (int $g.terminationGracePeriodSeconds) (int $min) }}{{ fail (printf "gateway.terminationGracePeriodSeconds (%v) must exceed gateway.preStopSleepSeconds + gateway.drainTimeoutMs/1000 (%d), or live calls are killed mid-drain" $g.terminationGracePeriodSeconds $min) }}{{ else }}{{ $g.terminationGracePeriodSeconds }}{{ end }}{{- end -}}

{{/* Warehouse grace period must leave time to flush one batch (batchMaxWaitMs) plus a margin. */}}
{{- define "switchboard.warehouse.terminationGracePeriodSeconds" -}}{{ $w := .Values.warehouse }}{{ $min := div (add $w.batchMaxWaitMs 999) 1000 }}{{ if le (int $w.terminationGracePeriodSeconds) (int $min) }}{{ fail (printf "warehouse.terminationGracePeriodSeconds (%v) must exceed warehouse.batchMaxWaitMs/1000 (%d)" $w.terminationGracePeriodSeconds $min) }}{{ else }}{{ $w.terminationGracePeriodSeconds }}{{ end }}{{- end -}}

{{/* Environment shared by every Switchboard Node process (the env names are the contract with the code). */}}
{{- define "switchboard.commonEnv" -}}
- name: LOG_LEVEL
  value: {{ .Values.logLevel | quote }}
- name: KAFKA_BROKERS
  value: {{ join "," .Values.kafka.brokers | quote }}
- name: KAFKA_PARTITIONS
  value: {{ .Values.kafka.partitions | quote }}
- name: KAFKA_TOPIC_PREFIX
  value: {{ .Values.kafka.topicPrefix | quote }}
- name: KAFKA_CLIENT
  value: {{ .Values.kafka.client | quote }}
{{- end -}}

{{/* Prometheus scrape annotations. Usage: include "switchboard.scrapeAnnotations" (dict "ctx" $ "port" 8080) */}}
{{- define "switchboard.scrapeAnnotations" -}}{{ if .ctx.Values.metrics.podAnnotations }}{{ toYaml (dict "prometheus.io/scrape" "true" "prometheus.io/port" (toString .port) "prometheus.io/path" "/metrics") }}{{ end }}{{- end -}}

{{/* An httpGet probe from a values block {enabled, path, ...}. Usage: include "switchboard.httpProbe" (dict "probe" .Values.gateway.livenessProbe) */}}
{{- define "switchboard.httpProbe" -}}{{ toYaml (merge (dict "httpGet" (dict "path" .probe.path "port" "http")) (omit .probe "enabled" "path")) }}{{- end -}}

{{/* Soft spread over nodes and zones, used when a component sets no topologySpreadConstraints. */}}
{{- define "switchboard.defaultTopologySpread" -}}
{{- $sel := fromYaml (include "switchboard.selectorLabels" .) -}}
- maxSkew: 1
  topologyKey: kubernetes.io/hostname
  whenUnsatisfiable: ScheduleAnyway
  labelSelector:
    matchLabels: {{- toYaml $sel | nindent 6 }}
- maxSkew: 1
  topologyKey: topology.kubernetes.io/zone
  whenUnsatisfiable: ScheduleAnyway
  labelSelector:
    matchLabels: {{- toYaml $sel | nindent 6 }}
{{- end -}}
