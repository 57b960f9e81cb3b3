module example.com/handbook/memory-contracts

go 1.26
