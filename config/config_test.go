package config

import (
	"strings"
	"testing"
)

func env(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

func TestDefaults(t *testing.T) {
	c, err := Load(env(nil), false)
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTPAddr != "127.0.0.1:8080" || c.TaskQueue != "cpe" || c.OTelExporter != "none" {
		t.Fatalf("defaults: %+v", c)
	}
}

func TestErrorsNameTheVariable(t *testing.T) {
	cases := []struct {
		env  map[string]string
		need bool
		want string
	}{
		{nil, true, "CPE_ADMIN_TOKEN: missing"},
		{map[string]string{"CPE_ADMIN_TOKEN": "short"}, true, "CPE_ADMIN_TOKEN: too short"},
		{map[string]string{"CPE_DATABASE_URL": "mysql://x"}, false, "CPE_DATABASE_URL"},
		{map[string]string{"CPE_HTTP_ADDR": "8080"}, false, "CPE_HTTP_ADDR"},
		{map[string]string{"CPE_TEMPORAL_ADDRESS": "localhost"}, false, "CPE_TEMPORAL_ADDRESS"},
		{map[string]string{"CPE_TEMPORAL_NAMESPACE": "a b"}, false, "CPE_TEMPORAL_NAMESPACE"},
		{map[string]string{"CPE_TASK_QUEUE": "a/b"}, false, "CPE_TASK_QUEUE"},
		{map[string]string{"CPE_OTEL_EXPORTER": "jaeger"}, false, "CPE_OTEL_EXPORTER"},
		{map[string]string{"CPE_LOG_LEVEL": "loud"}, false, "CPE_LOG_LEVEL"},
		{map[string]string{"CPE_LOG_FORMAT": "xml"}, false, "CPE_LOG_FORMAT"},
	}
	for _, tc := range cases {
		_, err := Load(env(tc.env), tc.need)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%v: got %v, want prefix %q", tc.env, err, tc.want)
		}
	}
}

func TestAdminTokenAccepted(t *testing.T) {
	c, err := Load(env(map[string]string{"CPE_ADMIN_TOKEN": "0123456789abcdef"}), true)
	if err != nil || c.AdminToken != "0123456789abcdef" {
		t.Fatalf("got %v %+v", err, c)
	}
}
