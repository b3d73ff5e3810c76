{{- define "cpe.env" -}}
- name: CPE_DATABASE_URL
  valueFrom: {secretKeyRef: {name: {{ .Values.databaseURLSecret.name }}, key: {{ .Values.databaseURLSecret.key }}}}
- name: CPE_TEMPORAL_ADDRESS
  value: {{ .Values.temporal.address | quote }}
- name: CPE_TEMPORAL_NAMESPACE
  value: {{ .Values.temporal.namespace | quote }}
- name: CPE_TASK_QUEUE
  value: {{ .Values.temporal.taskQueue | quote }}
- name: CPE_LOG_FORMAT
  value: json
- name: CPE_OTEL_EXPORTER
  value: {{ .Values.otel.exporter | quote }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ .Values.otel.endpoint | quote }}
{{- end -}}
