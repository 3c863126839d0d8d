package firefox

import (
	"context"
	"encoding/base64"
	"fmt"
)

// Print prints the tab's page to PDF as Firefox prints it on paper
// (WebDriver BiDi browsingContext.print: print media, portrait) and
// returns the PDF. The paper is WebDriver's default, US Letter, unless the
// page's CSS sets a size (@page { size: A4 }), which Firefox honours; the
// driver adds no margin of its own, so the page's @page margins are the
// margins.
func (b *Browser) Print() ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	var res struct {
		Data string `json:"data"` // base64
	}
	err := b.conn.call(ctx, "browsingContext.print", map[string]any{
		"context":     b.context,
		"orientation": "portrait",
		"margin":      map[string]any{"top": 0, "bottom": 0, "left": 0, "right": 0},
	}, &res)
	if err != nil {
		return nil, fmt.Errorf("print: %w", err)
	}
	pdf, err := base64.StdEncoding.DecodeString(res.Data)
	if err != nil {
		return nil, fmt.Errorf("print: the PDF's base64: %w", err)
	}
	return pdf, nil
}
