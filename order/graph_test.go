package order

import (
	"errors"
	"fmt"
	"testing"
)

func TestGraphOrder(t *testing.T) {
	deps := map[string][]string{
		"sale_custom":  {"sale", "stock_custom"},
		"stock_custom": {"stock"},
		"base_ext":     {"base"},
		"report_x":     {"sale_custom", "base_ext"},
		"zeta_tools":   {},
		"alpha":        {"base"},
	}
	nodes, err := Graph(deps)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range nodes {
		ext := ""
		if n.External {
			ext = "*"
		}
		got = append(got, fmt.Sprintf("%d:%s%s", n.Depth, n.Name, ext))
	}
	want := []string{"0:base*", "0:sale*", "0:stock*", "0:zeta_tools", "1:alpha", "1:base_ext", "1:stock_custom", "2:sale_custom", "3:report_x"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("graph order\n got %v\nwant %v", got, want)
	}
}

func TestGraphCycle(t *testing.T) {
	_, err := Graph(map[string][]string{"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"base"}})
	var ce *CycleError
	if !errors.As(err, &ce) {
		t.Fatalf("want CycleError, got %v", err)
	}
	if err.Error() != "dependency cycle: a → b → c → a" {
		t.Errorf("message: %s", err)
	}
	_, err = Graph(map[string][]string{"self": {"self"}})
	if err == nil || err.Error() != "dependency cycle: self → self" {
		t.Errorf("self cycle: %v", err)
	}
}
