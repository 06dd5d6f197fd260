package plots

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Save writes c to path in the format given by the file extension (.png,
// .svg, .pdf), at o's size and resolution.
//
// The file is written atomically: to a temporary file in the same
// directory, synced and closed, then renamed into place, so a reader (or a
// LaTeX run) never sees half a chart and a failed save leaves any earlier
// file untouched. PNG is drawn at o.DPI (plot.Save would use 96 dpi). SVG
// embeds its fonts, so it renders the same without Liberation installed;
// PDF embeds them too.
func Save(c Chart, path string, o Options) error {
	if c == nil {
		return fmt.Errorf("plots: save %s: nil chart", path)
	}
	o = o.withDefaults()
	if err := o.check(); err != nil {
		return fmt.Errorf("plots: save %s: %w", path, err)
	}
	var render func() io.WriterTo
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".png":
		render = func() io.WriterTo {
			img := vgimg.NewWith(vgimg.UseWH(o.Width, o.Height), vgimg.UseDPI(o.DPI))
			c.Draw(draw.New(img))
			return vgimg.PngCanvas{Canvas: img}
		}
	case ".svg":
		render = func() io.WriterTo {
			svg := vgsvg.NewWith(vgsvg.UseWH(o.Width, o.Height), vgsvg.EmbedFonts(true))
			c.Draw(draw.New(svg))
			return svg
		}
	case ".pdf":
		render = func() io.WriterTo {
			pdf := newPDF(o.Width, o.Height)
			c.Draw(draw.New(pdf))
			return pdf
		}
	default:
		return fmt.Errorf("plots: save %s: unknown format %q (want .png, .svg or .pdf)", path, ext)
	}
	if err := writeAtomic(path, render); err != nil {
		return fmt.Errorf("plots: save %s: %w", path, err)
	}
	return nil
}

// writeAtomic writes what render returns to a temporary file next to path
// and renames it into place. The temporary file is removed on any error.
// It is created before render runs, so that a missing directory is
// reported before the chart is drawn.
func writeAtomic(path string, render func() io.WriterTo) (err error) {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+name+"-*")
	if err != nil {
		return err
	}
	closed := false
	defer func() {
		if err != nil {
			if !closed {
				f.Close()
			}
			os.Remove(f.Name())
		}
	}()
	if _, err = render().WriteTo(f); err != nil {
		return err
	}
	// CreateTemp makes the file private (0600); a chart is a document.
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	closed = true
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// ParseLength parses a length with a unit, such as "8.5cm", "3.5in",
// "90mm" or "240pt" (a space before the unit is allowed), into a
// vg.Length. The length must be positive.
func ParseLength(s string) (vg.Length, error) {
	t := strings.TrimSpace(s)
	units := []struct {
		name string
		len  vg.Length
	}{{"cm", vg.Centimeter}, {"mm", vg.Millimeter}, {"in", vg.Inch}, {"pt", vg.Points(1)}}
	for _, u := range units {
		num, ok := strings.CutSuffix(strings.ToLower(t), u.name)
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
		if err != nil || !(v > 0) || math.IsInf(v, 0) {
			break
		}
		return vg.Length(v) * u.len, nil
	}
	return 0, errors.New("plots: invalid length " + strconv.Quote(s) + ": want a positive number followed by cm, mm, in or pt")
}
