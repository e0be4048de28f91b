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
{{- with .Values.kafka.client }}
- name: KAFKA_CLIENT
  value: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* Prometheus scrape annotations. Usage: include "switchboard.scrapeAnnotations" (dict "ctx" $ "port" 8080) */}}
{{- define "switchboard.scrapeAnnotations" -}}{{ if .ctx.Values.metrics.podAnnotations }}{{ toYaml (dict "prometheus.io/scrape" "true" "prometheus.io/port" (toString .port) "prometheus.io/path" "/metrics") }}{{ end }}{{- end -}}

{{/* An httpGet probe from a values block {enabled, path, ...}. Usage: include "switchboard.httpProbe" (dict "probe" .Values.gateway.livenessProbe) */}}
{{- define "switchboard.httpProbe" -}}{{ toYaml (merge (dict "httpGet" (dict "path" .probe.path "port" "http")) (omit .probe "enabled" "path")) }}{{- end -}}

{{/* Soft spread over nodes and zones, used when a component sets no topologySpreadConstraints. Optional "selector" (a map) replaces the component selector. */}}
{{- define "switchboard.defaultTopologySpread" -}}
{{- $sel := .selector | default (fromYaml (include "switchboard.selectorLabels" .)) -}}
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

{{/*
Pipeline host. One Deployment per group: "<fullname>-pipelines-<group>". Its pods carry component
"pipelines" plus the group label, so one Service and one ServiceMonitor cover every group while the
Deployments' selectors never overlap. Usage: (dict "ctx" $ "group" "audio").
*/}}
{{- define "switchboard.pipelines.groupName" -}}{{ printf "%s-%s" (include "switchboard.componentName" (dict "ctx" .ctx "component" "pipelines") | trunc (int (sub 62 (len .group))) | trimSuffix "-") .group }}{{- end -}}

{{- define "switchboard.pipelines.selectorLabels" -}}{{ toYaml (merge (dict "switchboard.io/pipeline-group" .group) (fromYaml (include "switchboard.selectorLabels" (dict "ctx" .ctx "component" "pipelines")))) }}{{- end -}}

{{- define "switchboard.pipelines.labels" -}}{{ toYaml (merge (dict "switchboard.io/pipeline-group" .group) (fromYaml (include "switchboard.labels" (dict "ctx" .ctx "component" "pipelines")))) }}{{- end -}}

{{/* Knowledge pack: the ConfigMap mounted at /etc/switchboard/pack ("" = the pack baked into the image). */}}
{{- define "switchboard.pipelines.packConfigMap" -}}{{ with .Values.pipelines.pack }}{{ if .existingConfigMap }}{{ .existingConfigMap }}{{ else if .files }}{{ include "switchboard.componentName" (dict "ctx" $ "component" "pack") }}{{ end }}{{ end }}{{- end -}}

{{/* Actions file: the ConfigMap mounted at /etc/switchboard/actions ("" = none), and the resulting ACTIONS_CONFIG_FILE ("" = built-in defaults). */}}
{{- define "switchboard.pipelines.actionsConfigMap" -}}{{ with .Values.pipelines.actions }}{{ if .existingConfigMap }}{{ .existingConfigMap }}{{ else if .files }}{{ include "switchboard.componentName" (dict "ctx" $ "component" "actions") }}{{ end }}{{ end }}{{- end -}}

{{- define "switchboard.pipelines.actionsConfigFile" -}}{{ if include "switchboard.pipelines.actionsConfigMap" . }}{{ printf "/etc/switchboard/actions/%s" .Values.pipelines.actions.configKey }}{{ else }}{{ .Values.pipelines.actions.configFile }}{{ end }}{{- end -}}

{{/* Claim of the actions store journal ("" = no persistence: the store is in memory). */}}
{{- define "switchboard.pipelines.storeClaim" -}}{{ with .Values.pipelines.actions.store.persistence }}{{ if .enabled }}{{ default (include "switchboard.componentName" (dict "ctx" $ "component" "actions-store")) .existingClaim }}{{ end }}{{ end }}{{- end -}}

{{/* Checks across values that the schema cannot express; renders nothing. */}}
{{- define "switchboard.pipelines.validate" -}}
{{- $p := .Values.pipelines -}}
{{- $names := list -}}
{{- $actionGroups := list -}}
{{- range $p.groups -}}
{{- if has .name $names }}{{ fail (printf "pipelines.groups: the name %q is used twice" .name) }}{{ end -}}
{{- $names = append $names .name -}}
{{- if has "actions" .processors }}{{ $actionGroups = append $actionGroups . }}{{ end -}}
{{- end -}}
{{- if and $p.pack.files $p.pack.existingConfigMap }}{{ fail "set pipelines.pack.files or pipelines.pack.existingConfigMap, not both" }}{{ end -}}
{{- if $p.pack.files -}}
{{- range list "nlu.yaml" "flows.yaml" }}{{ if not (hasKey $p.pack.files .) }}{{ fail (printf "pipelines.pack.files has no %q (a knowledge pack needs nlu.yaml and flows.yaml)" .) }}{{ end }}{{ end -}}
{{- end -}}
{{- if and $p.actions.files $p.actions.existingConfigMap }}{{ fail "set pipelines.actions.files or pipelines.actions.existingConfigMap, not both" }}{{ end -}}
{{- if and $p.actions.configFile (or $p.actions.files $p.actions.existingConfigMap) }}{{ fail "set pipelines.actions.configFile (a file in the image) or an actions ConfigMap (files, existingConfigMap), not both" }}{{ end -}}
{{- if and $p.actions.files (not (hasKey $p.actions.files $p.actions.configKey)) }}{{ fail (printf "pipelines.actions.files has no %q (pipelines.actions.configKey)" $p.actions.configKey) }}{{ end -}}
{{- if $p.actions.store.persistence.enabled -}}
{{- if ne (len $actionGroups) 1 }}{{ fail (printf "pipelines.actions.store.persistence needs exactly one group running actions (found %d): one process owns the store's journal" (len $actionGroups)) }}{{ end -}}
{{- range $actionGroups }}{{ if gt (int .replicas) 1 }}{{ fail (printf "pipelines.groups %q runs actions with a persistent store: replicas must be 0 or 1 (one process owns the journal), not %v" .name .replicas) }}{{ end }}{{ end -}}
{{- end -}}
{{- end -}}

{{/* Grace period of a sip-ingress pod: the drain deadline plus time for the BYEs and the exit. */}}
{{- define "switchboard.sipIngress.terminationGracePeriodSeconds" -}}{{ add (div (add .Values.sipIngress.drainTimeoutMs 999) 1000) 15 }}{{- end -}}
