module example.com/handbook/error-mapping

go 1.26
