window.gwsiteSearch.add(["f",0,[3,1]]);
