module example.com/handbook/hello-boundary

go 1.26
