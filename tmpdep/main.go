package main
import (
 _ "github.com/BurntSushi/toml"
 _ "gonum.org/v1/gonum/stat"
 _ "gonum.org/v1/gonum/stat/distuv"
 _ "gonum.org/v1/plot"
 _ "gonum.org/v1/plot/cmpimg"
 _ "golang.org/x/term"
)
func main(){}
