module example.com/handbook/concurrency

go 1.26
