module example.com/handbook/checksum

go 1.26
