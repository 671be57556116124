package discover

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// readDir must agree with os.ReadDir on names, order and types.
func TestReadDirMatchesOS(t *testing.T) {
	var dirs []string
	err := filepath.WalkDir(tree, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			dirs = append(dirs, p)
		}
		return err
	})
	if err != nil || len(dirs) < 20 {
		t.Fatalf("walk: %v (%d dirs)", err, len(dirs))
	}
	for _, d := range dirs {
		got, err1 := readDir(d)
		want, err2 := readDirPortable(d)
		if err1 != nil || err2 != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %v %v\nwant %v %v", d, got, err1, want, err2)
		}
	}
	if _, err := readDir(filepath.Join(tree, "nope")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing dir: %v", err)
	}
	if _, err := readDir(filepath.Join(tree, "installed.txt")); err == nil {
		t.Error("a file listed as a directory")
	}
	// Many entries need several getdents calls.
	big := t.TempDir()
	for i := range 3000 {
		if err := os.WriteFile(filepath.Join(big, "post-"+string(rune('a'+i%26))+string(rune('a'+i/26%26))+string(rune('a'+i/676))+".py"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := readDir(big)
	want, _ := readDirPortable(big)
	if err != nil || len(got) != 3000 || !reflect.DeepEqual(got, want) {
		t.Errorf("big dir: %d entries, err %v", len(got), err)
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 4095, 4096, 4097, 100_000} {
		p := filepath.Join(dir, "f")
		want := make([]byte, size)
		for i := range want {
			want[i] = byte(i * 7)
		}
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readFile(p)
		if err != nil || !reflect.DeepEqual(got, want[:len(got)]) || len(got) != size {
			t.Errorf("size %d: got %d bytes, %v", size, len(got), err)
		}
	}
	if _, err := readFile(filepath.Join(dir, "nope")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
	if _, err := readFile(dir); err == nil {
		t.Error("a directory read as a file")
	}
	big := filepath.Join(dir, "big")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(maxManifest + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := readFile(big); !errors.Is(err, errTooLarge) {
		t.Errorf("oversized: %v", err)
	}
}
