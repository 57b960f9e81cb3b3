module example.com/handbook/internal/abilock

go 1.26
