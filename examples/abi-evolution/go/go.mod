module example.com/handbook/abi-evolution

go 1.26
