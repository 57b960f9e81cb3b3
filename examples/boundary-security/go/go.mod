module example.com/handbook/boundary-security

go 1.26
