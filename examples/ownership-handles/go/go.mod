module example.com/handbook/ownership-handles

go 1.26
